import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from '../shared/Providers.tsx';
import { PortalApp } from './PortalApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <BrowserRouter basename="/portal">
        <PortalApp />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
