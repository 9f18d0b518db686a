import { Breadcrumb, BreadcrumbItem } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel, managementFormLabel } from '../i18n/labels.ts';
import { formatDate, formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { getDistrict } from '../../../src/contract/registry.ts';
import { ApiError } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';

export function DistrictPage({ code }: { code: string }) {
  const t = useT();
  const { data, error, loading } = useEndpoint(getDistrict, { params: { code } });
  const notFound = error instanceof ApiError && error.status === 404;

  return (
    <>
      <Breadcrumb aria-label={t('common.breadcrumb')}>
        <BreadcrumbItem>
          <Link to="/distretti">{t('nav.districts')}</Link>
          <span className="separator">/</span>
        </BreadcrumbItem>
        <BreadcrumbItem active aria-current="page">
          {data?.name ?? code}
        </BreadcrumbItem>
      </Breadcrumb>
      {loading && <Loading />}
      {notFound && (
        <>
          <PageHeading title={t('district.notFound')} />
          <ErrorAlert error={error} />
        </>
      )}
      {!notFound && error !== null && <ErrorAlert error={error} />}
      {data && (
        <>
          <PageHeading title={data.name} />
          <dl className="row district-facts">
            <dt className="col-sm-4 col-lg-3">{t('district.code')}</dt>
            <dd className="col-sm-8 col-lg-9">{data.code}</dd>
            <dt className="col-sm-4 col-lg-3">{t('district.leadBody')}</dt>
            <dd className="col-sm-8 col-lg-9">{data.leadBody || t('common.notSet')}</dd>
            <dt className="col-sm-4 col-lg-3">{t('district.managementForm')}</dt>
            <dd className="col-sm-8 col-lg-9">{managementFormLabel(t, data.managementForm)}</dd>
            <dt className="col-sm-4 col-lg-3">{t('district.municipalityCount')}</dt>
            <dd className="col-sm-8 col-lg-9">{formatInteger(data.municipalities.length)}</dd>
            <dt className="col-sm-4 col-lg-3">{t('district.population')}</dt>
            <dd className="col-sm-8 col-lg-9">{formatInteger(data.population)}</dd>
          </dl>

          <h2 className="h3 mt-4">{t('district.municipalitiesTitle')}</h2>
          {data.municipalities.length === 0 ? (
            <EmptyState text={t('district.municipalitiesEmpty')} />
          ) : (
            <div className="table-responsive">
              <table className="table caption-top">
                <caption>{t('district.municipalitiesCaption', { code: data.code })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('district.colIstat')}</th>
                    <th scope="col">{t('district.colMunicipality')}</th>
                    <th scope="col" className="text-end">
                      {t('district.colPopulation')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.municipalities.map((m) => (
                    <tr key={m.istatCode}>
                      <td>{m.istatCode}</td>
                      <th scope="row">{m.name}</th>
                      <td className="text-end">{formatInteger(m.population)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2 className="h3 mt-4">{t('district.historyTitle')}</h2>
          {data.leadBodyHistory.length === 0 ? (
            <EmptyState text={t('district.historyEmpty')} />
          ) : (
            <div className="table-responsive">
              <table className="table caption-top">
                <caption>{t('district.historyCaption', { code: data.code })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('district.colLeadBody')}</th>
                    <th scope="col">{t('district.colFrom')}</th>
                    <th scope="col">{t('district.colTo')}</th>
                    <th scope="col">{t('district.colAct')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.leadBodyHistory.map((h, i) => (
                    <tr key={`${h.leadBody}-${h.validFrom ?? i}`}>
                      <th scope="row">{h.leadBody}</th>
                      <td>{h.validFrom ? formatDate(h.validFrom) : t('common.dash')}</td>
                      <td>{h.validTo ? formatDate(h.validTo) : t('district.current')}</td>
                      <td>{h.act ? actRefLabel(t, h.act) : t('district.noAct')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="mt-4">
            <Link to="/distretti">{t('district.back')}</Link>
          </p>
        </>
      )}
    </>
  );
}
