import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError } from './api/client'
import { App } from './App'
import './styles.css'

const queries = new QueryClient({
  defaultOptions: {
    // A 4xx will not change by asking again; a dropped connection may.
    queries: { retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2, refetchOnWindowFocus: true },
  },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
