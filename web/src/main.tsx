import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFonts } from 'bootstrap-italia';
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './app.css';
import { App } from './App.tsx';

// bootstrap-italia's CSS has no @font-face for Titillium Web: the build copies the fonts to /fonts.
loadFonts('/fonts');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
