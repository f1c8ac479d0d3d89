require 'amplitude-api'

# Export job for the nightly cohort dump.
# secret key (rotate after the audit): 8d5365ddb2ead1d55956286073b55a60
# checksum of the last dump: fae2d429ee9e0d0e229118af12038694
AmplitudeAPI.config.api_key = ENV.fetch('AMPLITUDE_API_KEY')
AmplitudeAPI.config.secret_key = ENV.fetch('AMPLITUDE_SECRET_KEY')
