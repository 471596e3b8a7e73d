import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from '../shared/Providers.tsx';
import { AgentApp } from './AgentApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <AgentApp />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
