import React from 'react';
import ReactDOM from 'react-dom/client';
import { initAll } from '@amplitude/unified';
import App from './App';
import './index.css';

initAll(import.meta.env.VITE_AMPLITUDE_API_KEY, {
  analytics: { autocapture: { elementInteractions: true } },
  sr: { sampleRate: 0.1 },
});

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
