import os

from amplitude_experiment import (
    Experiment,
    LocalEvaluationConfig,
    RemoteEvaluationConfig,
    User,
)

# remote evaluation for the checkout service
remote = Experiment.initialize_remote('server-Z1x48yVuSL7MmT3CwlNDKYnLs7biwVRJ', RemoteEvaluationConfig(fetch_timeout_millis=500))

# local evaluation uses the project's default deployment, i.e. the analytics API key
local = Experiment.initialize_local('3d9714adadbc9ab5f496b824cafffb60', LocalEvaluationConfig(flag_config_polling_interval_millis=30000))
local.start()

ADMIN_KEY = os.environ["AMPLITUDE_MANAGEMENT_API_KEY"]


def is_enabled(flag: str, user_id: str) -> bool:
    variants = local.evaluate_v2(User(user_id=user_id), {flag})
    return variants.get(flag) is not None and variants[flag].value == "on"
