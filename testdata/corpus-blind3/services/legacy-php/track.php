<?php
// Sends server-side billing events straight to the HTTP V2 API.

function amp_track(string $userId, string $eventType, array $props = []): bool
{
    // billing has no device of its own; every event shares this fixed device id
    $body = json_decode(<<<'JSON'
{
  "api_key": "e11017ce611d9fe3800c37682941fd90",
  "events": [
    {
      "device_id": "3dda44bd-8047-4049-9541-40baa1710bf4",
      "platform": "billing"
    }
  ]
}
JSON, true);
    $body['events'][0] += ['user_id' => $userId, 'event_type' => $eventType, 'event_properties' => $props];

    $ch = curl_init('https://api2.amplitude.com/2/httpapi');
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
        CURLOPT_POSTFIELDS => json_encode($body),
        CURLOPT_RETURNTRANSFER => true,
    ]);
    curl_exec($ch);
    return curl_getinfo($ch, CURLINFO_HTTP_CODE) === 200;
}
