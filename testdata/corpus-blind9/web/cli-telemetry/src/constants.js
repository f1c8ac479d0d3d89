const { init, track } = require('@amplitude/analytics-node');

const API_KEY = '7f4a6e4bc422c328315c8056e23d69d0';
const ANON_SALT = '11bf5f3958692955dd6156a41ad1b576';

module.exports.start = () => init(API_KEY);
