#!/bin/sh
# set user properties for the beta cohort
curl https://api.eu.amplitude.com/identify \
  -d "api_key=d7852cc2ee61f49fc31ff4c29d765927&identification=%5B%7B%22user_id%22%3A%22beta-12%22%7D%5D"
