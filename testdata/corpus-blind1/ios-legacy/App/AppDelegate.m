#import "AppDelegate.h"
#import <Amplitude/Amplitude.h>

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [Amplitude instance].trackingSessionEvents = YES;
    [[Amplitude instance] initializeApiKey:@"5666bcf51142940362cea7940f7ced6a"];
    [[Amplitude instance] setUserId:nil];
    return YES;
}

@end
