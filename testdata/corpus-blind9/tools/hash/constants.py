import hashlib

EMPTY_KEY = "c312090d892c21e94e21858414856e39"
CACHE_KEY = "7c8e5cc1f2c5837bfb9e6a96db50280e"

def digest(b):
    return hashlib.md5(b).hexdigest()
