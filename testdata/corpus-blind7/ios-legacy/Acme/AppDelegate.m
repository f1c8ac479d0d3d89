#import "AppDelegate.h"
#import <Amplitude/Amplitude.h>

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [[Amplitude instance] setServerZone:AMPLITUDE_EU];
    [[Amplitude instance] initializeApiKey:@"134d1e94acc81c140f92845866480c27"];
    return YES;
}

@end
