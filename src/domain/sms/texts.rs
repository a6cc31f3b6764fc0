//! The standard texts customers receive, per event and language. They are
//! fixed (the owner reads them to know what a message costs, and cannot
//! change them); the figures in them are an example.

use super::programme::SmsEvent;
use crate::domain::Lang;

pub fn standard_text(event: SmsEvent, lang: Lang) -> &'static str {
    match (event, lang) {
        (SmsEvent::PointsAccrued, Lang::Ru) => "Вам начислено 150 баллов за покупку. Ваш баланс: 1 230 баллов.",
        (SmsEvent::PointsAccrued, Lang::En) => "You earned 150 points for your purchase. Balance: 1,230 points.",
        (SmsEvent::PointsSpent, Lang::Ru) => "Списано 500 баллов в счёт покупки. Остаток: 730 баллов.",
        (SmsEvent::PointsSpent, Lang::En) => "500 points were spent on your purchase. Remaining: 730 points.",
        (SmsEvent::PointsExpiring, Lang::Ru) => {
            "Через 7 дней сгорят 300 баллов. Успейте потратить их: 1 балл = 1 рубль скидки на любую покупку."
        }
        (SmsEvent::PointsExpiring, Lang::En) => {
            "300 of your points expire in 7 days. Spend them before then: 1 point = 1 rouble off any purchase."
        }
        (SmsEvent::BirthdayBonus, Lang::Ru) => {
            "С днём рождения! Дарим 500 бонусных баллов, они действуют 14 дней. Ждём вас в наших магазинах!"
        }
        (SmsEvent::BirthdayBonus, Lang::En) => {
            "Happy birthday! Here are 500 bonus points, valid for 14 days. We look forward to seeing you!"
        }
        (SmsEvent::Welcome, Lang::Ru) => {
            "Добро пожаловать в программу лояльности! Вам начислено 200 приветственных баллов."
        }
        (SmsEvent::Welcome, Lang::En) => "Welcome to our loyalty programme! You received 200 welcome points.",
    }
}

/// The test message the settings screen sends to check the gateway.
pub fn test_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Проверка SMS: сервис подключён.",
        Lang::En => "SMS check: the service is connected.",
    }
}
