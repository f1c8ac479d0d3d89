#!/usr/bin/env bash
# Regenerate the typed Ampli wrappers for each platform.
set -euo pipefail

ampli pull web --path ./src/ampli --token eSsk_Gf2h3D1tvihAm_2fDCx0rdLaI_V0mUIqNPinVQzBlmL0Spxyhky --branch main
