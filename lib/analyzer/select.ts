import type { DiagnosisSelector } from '../providers/provider';
import type { Diagnosis } from '../types';

export function selects(selector: DiagnosisSelector, diagnosis: Diagnosis): boolean {
  const { codes, messages } = selector;
  if (codes && diagnosis.code !== null && codes.includes(diagnosis.code)) return true;
  return messages !== undefined && diagnosis.message !== null && messages.test(diagnosis.message.trim());
}
