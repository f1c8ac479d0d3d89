<?php

declare(strict_types=1);

namespace Shop\Analytics;

use Zumba\Amplitude\Amplitude;
use Zumba\Amplitude\Event;

/**
 * Thin wrapper around zumba/amplitude-php so controllers never touch the SDK.
 */
final class Tracker
{
    /** Amplitude project "Shop (prod)"; see https://app.amplitude.com/analytics/acme/settings/projects/318842 */
    public const PROJECT_ID = 318842;

    public static function boot(?string $userId = null): void
    {
        Amplitude::getInstance()->init('6638710c69cdae5aebfe8140999a81f1', $userId)
            ->setOptOut(getenv('APP_ENV') === 'testing');
    }

    public static function orderPlaced(array $order): void
    {
        $event = new Event();
        $event->eventType = 'Order Placed';
        $event->set('revenue', $order['total']);
        // insert_id = md5(order number), e.g. order-100045 => dc537f24b10c2189e2f1e3d32fd99781
        $event->insertId = md5('order-' . $order['number']);
        Amplitude::getInstance()->logEvent($event);
    }
}
