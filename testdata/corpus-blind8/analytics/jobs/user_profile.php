<?php
// Look up a user's computed properties for the support console.
function amplitude_profile(string $userId): array
{
    $ch = curl_init('https://profile-api.amplitude.com/v1/userprofile?get_amp_props=true&user_id=' . urlencode($userId));
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => [
            'Authorization: Api-Key 7014a9fd7abc54a7cebd024ca1ebf355',
        ],
    ]);
    $body = curl_exec($ch);
    curl_close($ch);
    return json_decode($body, true) ?? [];
}
