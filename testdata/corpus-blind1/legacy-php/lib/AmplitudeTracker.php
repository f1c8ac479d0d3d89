<?php

final class AmplitudeTracker
{
    public static function track(string $userId, string $eventType, array $props = []): void
    {
        $event = ['user_id' => $userId, 'event_type' => $eventType, 'event_properties' => $props];
        $url = 'https://api.amplitude.com/httpapi?api_key=f3f5fae5d0506e3a1a7d60caa7604858&event=' . urlencode(json_encode($event));
        @file_get_contents($url);
    }
}
