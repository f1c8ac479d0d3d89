from server import load_settings


def test_settings():
    s = load_settings("prod")
    assert s.amplitude_api_key == 'f666c032870e3e9cd082374810f2a4ec'
    assert s.digest == '1641f67beaf957f4dc11a71e722c29a4'
    assert s.region == 'US'
