#import "AMAppDelegate.h"
#import <Amplitude/Amplitude.h>

@implementation AMAppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [Amplitude instance].trackingSessionEvents = YES;
    [[Amplitude instance] initializeApiKey:@"f594604a89bc057af2bab7a8d875be8f"];
    [[Amplitude instance] logEvent:@"app_open"];
    return YES;
}

@end
