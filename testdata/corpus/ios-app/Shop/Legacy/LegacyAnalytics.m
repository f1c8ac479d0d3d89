#import "LegacyAnalytics.h"
#import <Amplitude/Amplitude.h>

@implementation LegacyAnalytics

+ (void)start {
    [[Amplitude instance] setTrackingSessionEvents:YES];
    [[Amplitude instance] initializeApiKey:@"476aa9da051d74ee9f32b49110849cbc"]; // want: api-key
}

@end
