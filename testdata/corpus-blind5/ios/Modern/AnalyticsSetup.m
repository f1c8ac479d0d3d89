@import AmplitudeSwift;
#import "AnalyticsSetup.h"

static NSString *const kAmplitudeApiKey = @"e44879b58e8e525bdaa973c8dcdd2651";

@implementation AnalyticsSetup

+ (Amplitude *)makeClient {
    AMPConfiguration *configuration = [AMPConfiguration initWithApiKey:kAmplitudeApiKey];
    configuration.defaultTracking.sessions = YES;
    return [Amplitude initWithConfiguration:configuration];
}

@end
