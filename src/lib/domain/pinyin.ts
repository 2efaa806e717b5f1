// Pinyin initials let coordinators find "张伟" by typing "zw".
import { pinyin } from 'pinyin-pro';

export function nameInitials(name: string): string {
	return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
		.join('')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}
