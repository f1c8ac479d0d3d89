from amplitude_experiment import (
    Experiment,
    LocalEvaluationConfig,
    RemoteEvaluationConfig,
    User,
)

remote = Experiment.initialize_remote(
    'server-VrxhaOfxQ4PHWJ4JrLPryF8wROP0OLfc',
    RemoteEvaluationConfig(fetch_timeout_millis=500),
)

local = Experiment.initialize_local("server-xoq9XnzKAtR0g39qSCawqWYlBVLjE82E", LocalEvaluationConfig())
local.start()
