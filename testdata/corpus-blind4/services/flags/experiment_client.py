from amplitude_experiment import Experiment, LocalEvaluationConfig

_config = LocalEvaluationConfig(debug=False, flag_config_polling_interval_millis=60000)
experiment = Experiment.initialize_local(
    "server-tE7ZaABaJyzlxO5OHYgCVzHSjKgilg4V", _config
)
experiment.start()
