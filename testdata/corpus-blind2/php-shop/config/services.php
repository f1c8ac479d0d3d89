<?php

return [

    'postmark' => [
        'token' => env('POSTMARK_TOKEN'),
    ],

    'amplitude' => [
        'api_key' => env('AMPLITUDE_API_KEY'),
        'secret_key' => env('AMPLITUDE_SECRET_KEY'),
        'server_zone' => env('AMPLITUDE_SERVER_ZONE', 'EU'),
    ],

    'mixpanel' => [
        'token' => env('MIXPANEL_TOKEN', '6fb71d47ecd617eafc3d9765fec8e452'),
    ],

];
