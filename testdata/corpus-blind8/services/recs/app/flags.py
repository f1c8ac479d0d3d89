from amplitude_experiment import Experiment, RemoteEvaluationConfig, User

_config = RemoteEvaluationConfig(fetch_timeout_millis=500, fetch_retries=1)

experiment = Experiment.initialize_remote(
    "server-lh9ZoWn5UAqGHxLANnz0SJVCiD5H8Ntx",
    _config,
)


def variant_for(user_id: str, flag: str = "recs-model") -> str:
    variants = experiment.fetch_v2(User(user_id=user_id))
    v = variants.get(flag)
    return v.value if v else "control"
