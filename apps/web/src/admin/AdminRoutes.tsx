import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import AgentsPage from './AgentsPage.tsx';
import GroupsPage from './GroupsPage.tsx';
import OrganizationsPage from './OrganizationsPage.tsx';
import ContactsPage from './ContactsPage.tsx';
import CategoriesPage from './CategoriesPage.tsx';
import PriorityMatrix from './PriorityMatrix.tsx';
import SettingsPage from './SettingsPage.tsx';
import JobsPage from './JobsPage.tsx';
import MailboxesPage from './MailboxesPage.tsx';
import HeldMailPage from './HeldMailPage.tsx';
import SsoPage from './SsoPage.tsx';
import TemplatesPage from './TemplatesPage.tsx';
import AuditPage from './AuditPage.tsx';
import { useAdminStrings } from './strings.ts';

// The calendar, SLA and contract pages load on first visit (their strings with them: sla-strings.ts, contract-strings.ts).
const CalendarsPage = lazy(() => import('./CalendarsPage.tsx'));
const CalendarPage = lazy(() => import('./CalendarPage.tsx'));
const SlaPage = lazy(() => import('./SlaPage.tsx'));
const ContractsPage = lazy(() => import('./ContractsPage.tsx'));
const ContractPage = lazy(() => import('./ContractPage.tsx'));

/** Admin pages (lazy: not in the workspace's first screen). The server refuses non-admins (403); managers and crm agents read contracts. */
export default function AdminRoutes() {
  useAdminStrings();
  return (
    <Routes>
      <Route path="agents" element={<AgentsPage />} />
      <Route path="groups" element={<GroupsPage />} />
      <Route path="organizations" element={<OrganizationsPage />} />
      <Route path="contacts" element={<ContactsPage />} />
      <Route path="categories" element={<CategoriesPage />} />
      <Route path="priority" element={<PriorityMatrix />} />
      <Route path="settings" element={<SettingsPage />} />
      <Route path="mailboxes" element={<MailboxesPage />} />
      <Route path="held-mail" element={<HeldMailPage />} />
      <Route path="sso" element={<SsoPage />} />
      <Route path="templates" element={<TemplatesPage />} />
      <Route path="jobs" element={<JobsPage />} />
      <Route path="audit" element={<AuditPage />} />
      <Route path="calendars" element={<CalendarsPage />} />
      <Route path="calendars/:id" element={<CalendarPage />} />
      <Route path="sla" element={<SlaPage />} />
      <Route path="contracts" element={<ContractsPage />} />
      <Route path="contracts/:id" element={<ContractPage />} />
    </Routes>
  );
}
