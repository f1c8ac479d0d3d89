#!/bin/sh
# regenerate the typed tracking library
cd "$(dirname "$0")/../../web"
npx ampli pull web \
  --token Jt5JYUNKjXZll1cmkB_2c1Ni8ZCSrtgzpx0MqGP \
  --branch main
