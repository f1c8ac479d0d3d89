<?php

declare(strict_types=1);

namespace Shop\Analytics;

use GuzzleHttp\Client;

/**
 * Nightly raw-event export (Dashboard REST API, Export endpoint).
 */
final class Export
{
    private Client $http;

    public function __construct()
    {
        $this->http = new Client([
            'base_uri' => 'https://amplitude.com/api/2/',
            'timeout'  => 600,
            'auth'     => [
                '8d009b4a66353e031620388b2a4e66f4',
                'e5142c0aca3b30eca7b4afb4e3d35bed',
            ],
        ]);
    }

    public function day(\DateTimeImmutable $day, string $target): void
    {
        $start = $day->format('Ymd') . 'T00';
        $end   = $day->format('Ymd') . 'T23';
        $this->http->get('export', [
            'query' => ['start' => $start, 'end' => $end],
            'sink'  => $target,
        ]);
    }
}
