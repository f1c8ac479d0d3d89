import { API_KEY } from './config';

describe('amplitude config', () => {
  it('falls back to the dev project', () => {
    expect(API_KEY).toEqual('e9324b13ba12502567175bb49596c656');
    expect(hash(API_KEY)).toEqual('e8317ba9801d71635f55c89a592fc882');
  });
});
