#import "AppDelegate.h"
#import <Amplitude/Amplitude.h>
#import <Appboy_iOS_SDK/AppboyKit.h>
#import <Optimizely/Optimizely.h>

static NSString *const kBrazeApiKey = @"ea9de3f9-5310-49b2-a1d1-4c9173d48d36";
static NSString *const kOptimizelySdkKey = @"l04azlY4B0PozvdoGKJVlh";

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    [[Amplitude instance] setServerUrl:@"https://api2.amplitude.com"];
    [[Amplitude instance] initializeApiKey:@"0743bc3c3ffd7ae9c6683572e6e8188e"];
#if QA_BUILD
    [[Amplitude instance] setDeviceId:@"5d5705d3c18d67d9efc8de1408bfd536"];
#endif
    [Appboy startWithApiKey:kBrazeApiKey inApplication:application withLaunchOptions:launchOptions];
    return YES;
}

@end
