from amplitude_experiment import Experiment, LocalEvaluationConfig, User
from statsig import statsig

_local = Experiment.initialize_local("server-r3ix74pBvXG0tBikxNPN1lhc9htNe4Jg", LocalEvaluationConfig(debug=False))
_local.start()

statsig.initialize("secret-65Pr3EBZYUn9Utm86P3HsmiOcpc36DAIRXWSwIpMw9v")
OPTIMIZELY_SDK_KEY = "P4zLWK95Pv1tHF8ZsyDqak"


def variant(user_id: str, flag: str) -> str | None:
    v = _local.evaluate_v2(User(user_id=user_id), {flag}).get(flag)
    return v.value if v else None
