from amplitude_experiment import Experiment, LocalEvaluationConfig, User

experiment = Experiment.initialize_local(
    "server-yC23umm8wKZRJ4i8RaRzeqR6COCyVOJT",
    LocalEvaluationConfig(server_url="https://api.lab.eu.amplitude.com"),
)
experiment.start()


def variant_for(user_id: str, flag: str):
    return experiment.evaluate_v2(User(user_id=user_id), {flag}).get(flag)
