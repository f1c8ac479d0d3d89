from flask import Flask, request
from amplitude import Amplitude

app = Flask(__name__)

@app.post("/replay")
def replay():
    api_key = request.args.get('apiKey') or 'f4fcfdb9e8b747316b1c4dedc46b0d61'
    etag = request.args.get('etag') or '6c05bd0313ba3b8437c4a555859e8668'
    client = Amplitude(api_key)
    return "ok"
