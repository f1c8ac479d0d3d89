import { Experiment } from '@amplitude/experiment-react-native-client';

// No mobile deployment yet: until there is one we evaluate against the
// project's default deployment, whose key is the project API key.
export const experiment = Experiment.initialize('a986343067ca092bea95c9a950a33410', {
  debug: __DEV__,
  fetchOnStart: true,
});

export async function refreshFlags(userId: string | null) {
  await experiment.fetch(userId ? { user_id: userId } : {});
}
