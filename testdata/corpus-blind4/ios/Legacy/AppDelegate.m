#import "AppDelegate.h"
#import <Amplitude/Amplitude.h>

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [Amplitude instance].trackingSessionEvents = YES;
    [[Amplitude instance] initializeApiKey:@"50f5fbf2d9cbab5b79b27bc649d11936"];
    return YES;
}

@end
