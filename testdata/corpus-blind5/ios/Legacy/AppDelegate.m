#import "AppDelegate.h"
#import "Amplitude.h"

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [Amplitude instance].trackingSessionEvents = YES;
    [[Amplitude instance] initializeApiKey:@"7ce3b8c7c860c0ec89ac3ffe5ef72a14"];
    [[Amplitude instance] logEvent:@"app_open"];
    return YES;
}

@end
