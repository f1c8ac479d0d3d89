from amplitude import Amplitude, BaseEvent

PROD_KEY = '67962241b92fa74dba85952b06091e06'
DEV_KEY = "1fad40b0bbedac2b4614ebb4489727c2"
SCHEMA_MD5 = "9e60d8a1cae98dd18730e42fa05e9116"

client = Amplitude(PROD_KEY if is_prod() else DEV_KEY)
