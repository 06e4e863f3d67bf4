import { describe, expect, it } from 'vitest';
import { formatMessage, localize } from './i18n.js';

describe('formatMessage', () => {
  it('fills named values and leaves unknown names as they are', () => {
    expect(formatMessage('{file} 第 {record} 条 {missing}', { file: 'DK.dbf', record: 3 })).toBe('DK.dbf 第 3 条 {missing}');
  });

  it('takes the side of the language from a bilingual value, never "[object Object]" or both languages', () => {
    const reason = { zh: '没有读取权限（EACCES）', en: 'no permission to read it (EACCES)' };
    expect(formatMessage('无法读取：{reason}', { reason }, 'zh')).toBe('无法读取：没有读取权限（EACCES）');
    expect(formatMessage('cannot read: {reason}', { reason }, 'en')).toBe('cannot read: no permission to read it (EACCES)');
    expect(localize({ zh: '原因：{reason}', en: 'reason: {reason}' }, 'en', { reason })).toBe('reason: no permission to read it (EACCES)');
  });
});
