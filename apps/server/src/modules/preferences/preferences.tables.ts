import type { Generated } from 'kysely';

export interface PreferencesTables {
  user_preferences: {
    id: Generated<number>;
    user_id: number;
    language: string;
    calendar: string;
    digits: string;
    time_zone: string;
    theme: string;
    version: number;
    updated_at: number;
  };
  saved_views: {
    id: Generated<number>;
    user_id: number;
    name: string;
    filter: string;
    sort: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
}
