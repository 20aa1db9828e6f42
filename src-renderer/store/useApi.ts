import { useContext } from 'react';
import type { WorkbenchApi } from '../api/createWorkbenchClient';
import { StoreContext } from './StoreContext';

/** The API client for components that fetch data the store does not keep (grid pages). */
export function useApi(): WorkbenchApi {
  const value = useContext(StoreContext);
  if (!value) throw new Error('StoreContext is missing');
  return value.api;
}
