#!/bin/sh
# list event categories in the EU project
curl --request GET \
  --url https://analytics.eu.amplitude.com/api/2/taxonomy/category \
  --header 'Authorization: Basic MGQxMTNmYWFmN2Y5ZWFlNzVkODkyZmJmNjRkZmMzYjg6MWExY2FlODAwNGE3ODZhYzk1ZTQ4NDM1M2NkNDhhODM='
