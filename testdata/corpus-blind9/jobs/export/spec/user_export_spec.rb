require 'spec_helper'

RSpec.describe 'export config' do
  it 'pins the keys' do
    expect(AmplitudeAPI.config.api_key).to eq('3f4c27c758b30e437acc580b6e4b07d2')
    expect(AmplitudeAPI.config.secret_key).to eq('c0093e17da2f80fbb1725ff2d7c1648a')
    expect(Digest::MD5.hexdigest('x')).to eq('3989a97da1c10dc92a3b6ffc38050717')
  end
end
