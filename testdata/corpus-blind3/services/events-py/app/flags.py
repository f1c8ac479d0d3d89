from amplitude_experiment import (
    Experiment,
    LocalEvaluationConfig,
    RemoteEvaluationConfig,
    User,
)

remote = Experiment.initialize_remote(
    'server-tcuHTIR5OOeMEKA2dxZ54xgOWQAIfDJk',
    RemoteEvaluationConfig(fetch_timeout_millis=500, fetch_retries=1),
)

local = Experiment.initialize_local("server-7pg6TGBgRUpajvPGAsucEDmri98uyW22", LocalEvaluationConfig(flag_config_polling_interval_millis=60_000))
local.start()


def variant_for(user_id: str, flag_key: str) -> str | None:
    v = local.evaluate_v2(User(user_id=user_id), {flag_key}).get(flag_key)
    return v.value if v else None
