import { openVillages, useCommuneVillages } from './commune-villages';
import { t } from './i18n';
import { INPUT_PATTERNS } from './input-patterns';

/**
 * Thôn: the commune's villages by name (the register, kept on the phone), sent by code; on a phone
 * that never had a connection, the code typed in the shape the service takes.
 */
export function VillagePicker(props: {
  value: string;
  onVillage: (code: string) => void;
  required?: boolean;
}) {
  const { value, onVillage, required = false } = props;
  const villages = openVillages(useCommuneVillages());
  return (
    <label>
      {t('village')}
      {villages.length > 0 ? (
        <select
          name="village"
          required={required}
          value={value}
          onChange={(e) => onVillage(e.currentTarget.value)}
        >
          <option value="">{t('chooseVillageOption')}</option>
          {villages.map((v) => (
            <option key={v.villageCode} value={v.villageCode}>
              {v.name}
            </option>
          ))}
        </select>
      ) : (
        <input
          name="village"
          required={required}
          pattern={INPUT_PATTERNS.villageCode}
          title={t('villageCodeShape')}
          value={value}
          onInput={(e) => onVillage(e.currentTarget.value.trim())}
        />
      )}
    </label>
  );
}
