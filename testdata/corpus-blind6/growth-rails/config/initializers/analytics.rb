AmplitudeAPI.config.api_key = "2c487a24e7d8adb61ed81de36b464924"
AmplitudeAPI.config.secret_key = ENV.fetch("AMPLITUDE_SECRET_KEY")
AmplitudeAPI.config.options = { min_id_length: 1 }

Algolia.init(application_id: "VC8jaFPIkT", api_key: "e8b99e754ef01ba5fd0079381237051b")

Pusher.app_id = "8790257"
Pusher.key = "7e7a8937de78a881ebc0"
Pusher.secret = "8094200ffc7efd3be5f7"
