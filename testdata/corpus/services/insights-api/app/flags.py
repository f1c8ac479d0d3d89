from amplitude_experiment import (
    Experiment,
    LocalEvaluationConfig,
    RemoteEvaluationConfig,
    User,
)

remote = Experiment.initialize_remote("server-JFwJ1b5a0y7shjgNLxV8fTfwn2E4R4EC", RemoteEvaluationConfig(fetch_timeout_millis=500))  # want: server-deployment-key
local = Experiment.initialize_local(
    "server-7pfiEJkXAkP6gOvj7v5ZnkTsaEc7bJOn",  # want: server-deployment-key
    LocalEvaluationConfig(flag_config_polling_interval_millis=30_000),
)
local.start()


def variant(user_id: str, flag: str) -> str | None:
    v = local.evaluate_v2(User(user_id=user_id), {flag}).get(flag)
    return v.value if v else None
