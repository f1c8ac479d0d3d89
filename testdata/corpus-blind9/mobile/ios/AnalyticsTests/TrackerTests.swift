import XCTest
@testable import Analytics

final class TrackerTests: XCTestCase {
    func testKey() {
        let t = Tracker.shared
        XCTAssertEqual(t.configuration.apiKey, "f5da6090118b9a53289fc4c4079a1657")
        XCTAssertEqual(t.lastEventHash, "a83799a002846927aa87f36cf0b9ce5f")
    }
}
