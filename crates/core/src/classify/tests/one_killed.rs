//! One soldier killed in one incident, without a count: in combat ("погиб в бою"), or
//! murdered away from the front ("убийство полковника ВС РФ").

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Side};

#[test]
fn one_soldier_killed_in_combat_is_one_killed_in_one_event() {
    let c = run(
        "Сержант Иванов погиб в бою под Угледаром, сообщили сослуживцы.\n\nОн служил в российской армии с 2015 года.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    let f = &claims[0].figures;
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].metric, f[0].value), (Metric::Killed, 1));
    assert_eq!(f[0].period, Some(Period::Event));
    for text in [
        "Его дед погиб на войне в 1943 году.",
        "Волонтер погиб на фронте, доставляя гуманитарную помощь.",
        "Он мог погибнуть в бою, но выжил.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}

#[test]
fn the_murder_of_an_officer_is_one_killed() {
    for text in [
        "После убийства полковника ВС РФ полицейские начали разыскивать пешехода.",
        "Задержаны исполнители убийства начальника штаба бригады Черноморского флота.",
        "Вбивця російського офіцера чекав на нього біля в'їзду в село.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!((f[0].metric, f[0].value), (Metric::Killed, 1), "{text}");
    }
    // A civilian's murder, or several soldiers', is none of it.
    for text in [
        "Задержан подозреваемый в убийстве начальника отдела кадров завода.",
        "Суд рассмотрит дело об убийстве пленных.",
    ] {
        assert!(run(text).categories.is_empty(), "{text}");
    }
}
