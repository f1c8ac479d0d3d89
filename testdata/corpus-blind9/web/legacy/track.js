var KEY = "7b2aaa1c13102ff755b569a4f738934b";
var VERSION_HASH = "2065b27c0afbedcdea63866fbfa6ca11";
amplitude.getInstance().init(KEY, null, { includeReferrer: true });
