/**
 * Word and phrase banks of the seed generator: our own Persian (and some English) text about the
 * things an IT service desk hears about — VPN, printers, email, the ERP, the network, accounts.
 * No external data. A topic's phrases are written to be combined: a title, an opening, a detail and
 * a closing make a description; replies and notes are whole sentences an agent would write.
 */

export const FIRST_NAMES_MALE = [
  'علی', 'محمد', 'حسین', 'رضا', 'مهدی', 'امیر', 'سعید', 'حمید', 'مجید', 'بهرام', 'کاوه', 'آرش',
  'سیاوش', 'فرهاد', 'بابک', 'پویا', 'نیما', 'مسعود', 'جواد', 'کامران', 'داریوش', 'یاسر', 'میلاد', 'احسان',
] as const;

export const FIRST_NAMES_FEMALE = [
  'زهرا', 'فاطمه', 'مریم', 'سارا', 'نرگس', 'لیلا', 'الهام', 'شیرین', 'مهسا', 'نازنین', 'پریسا', 'سمیرا',
  'آزاده', 'رویا', 'ترانه', 'مینا', 'هانیه', 'فرناز', 'نگار', 'یاسمن', 'بهاره', 'کیمیا', 'شقایق', 'ژاله',
] as const;

export const LAST_NAMES = [
  'محمدی', 'حسینی', 'احمدی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'صادقی', 'رحیمی', 'نوری', 'قاسمی', 'کاظمی',
  'طاهری', 'شریفی', 'اکبری', 'یزدانی', 'فرهادی', 'نیک‌نام', 'امینی', 'زمانی', 'توکلی', 'بهرامی', 'سلطانی', 'مرادی',
  'خسروی', 'پاکزاد', 'شجاعی', 'میرزایی', 'حیدری', 'عباسی', 'دلاوری', 'کیانی', 'روشن', 'آذری', 'سپهری', 'وحیدی',
] as const;

/** Latin spellings for email addresses (same order as the Persian lists above). */
export const FIRST_NAMES_MALE_LATIN = [
  'ali', 'mohammad', 'hossein', 'reza', 'mahdi', 'amir', 'saeed', 'hamid', 'majid', 'bahram', 'kaveh', 'arash',
  'siavash', 'farhad', 'babak', 'pouya', 'nima', 'masoud', 'javad', 'kamran', 'dariush', 'yaser', 'milad', 'ehsan',
] as const;
export const FIRST_NAMES_FEMALE_LATIN = [
  'zahra', 'fatemeh', 'maryam', 'sara', 'narges', 'leila', 'elham', 'shirin', 'mahsa', 'nazanin', 'parisa', 'samira',
  'azadeh', 'roya', 'taraneh', 'mina', 'hanieh', 'farnaz', 'negar', 'yasaman', 'bahareh', 'kimia', 'shaghayegh', 'zhaleh',
] as const;
export const LAST_NAMES_LATIN = [
  'mohammadi', 'hosseini', 'ahmadi', 'rezaei', 'karimi', 'mousavi', 'jafari', 'sadeghi', 'rahimi', 'nouri', 'ghasemi', 'kazemi',
  'taheri', 'sharifi', 'akbari', 'yazdani', 'farhadi', 'niknam', 'amini', 'zamani', 'tavakoli', 'bahrami', 'soltani', 'moradi',
  'khosravi', 'pakzad', 'shojaei', 'mirzaei', 'heidari', 'abbasi', 'delavari', 'kiani', 'roshan', 'azari', 'sepehri', 'vahidi',
] as const;

export const ORGANIZATION_KINDS = ['شرکت', 'گروه صنعتی', 'بیمارستان', 'دانشگاه', 'بانک', 'کارخانه', 'هلدینگ', 'مؤسسه'] as const;
export const ORGANIZATION_NAMES = [
  'البرز', 'پارس', 'آریا', 'سپهر', 'دماوند', 'کوثر', 'مهرگان', 'نوآوران', 'پیشگامان', 'آفتاب', 'زاگرس', 'خلیج فارس',
  'کاسپین', 'ستاره', 'افق', 'ایران‌مهر', 'سبلان', 'کیان', 'آینده‌سازان', 'رایان', 'تدبیر', 'پرشین', 'نگین', 'بهار',
] as const;
export const CITIES = ['تهران', 'اصفهان', 'شیراز', 'مشهد', 'تبریز', 'کرج', 'قم', 'اهواز', 'رشت', 'یزد', 'کرمان', 'ساری'] as const;

/**
 * Branch offices a request may come from: the long tail of a desk's vocabulary. Sixty names, each
 * in about one bench ticket in two hundred, so the search suite has Persian words held by ≤ 1 % of
 * tickets (everything in the topic banks is in 1.5 % or more).
 */
export const BRANCHES = [
  'ونک', 'تجریش', 'سعادت‌آباد', 'پونک', 'نارمک', 'تهرانپارس', 'شهرک‌غرب', 'جردن', 'یوسف‌آباد', 'امیرآباد', 'گیشا', 'ستارخان',
  'جنت‌آباد', 'اکباتان', 'آزادی', 'انقلاب', 'بهارستان', 'پاسداران', 'نیاوران', 'فرمانیه', 'زعفرانیه', 'الهیه', 'قیطریه', 'دروس',
  'چیتگر', 'شهران', 'مرزداران', 'صادقیه', 'هفت‌تیر', 'ولنجک', 'اوین', 'درکه', 'دربند', 'لویزان', 'حکیمیه', 'پیروزی',
  'شوش', 'مولوی', 'خزانه', 'نازی‌آباد', 'یافت‌آباد', 'شهرری', 'ورامین', 'پردیس', 'پرند', 'اندیشه', 'شهریار', 'اسلامشهر',
  'گلشهر', 'مهرشهر', 'فردیس', 'عظیمیه', 'گوهردشت', 'چهارباغ', 'نقش‌جهان', 'زندیه', 'وکیل‌آباد', 'ائل‌گلی', 'گلسار', 'صفاییه',
] as const;

export const DEPARTMENTS = ['مالی', 'فروش', 'منابع انسانی', 'انبار', 'تولید', 'حقوقی', 'بازرگانی', 'پشتیبانی', 'آموزش', 'حسابداری'] as const;

/** One subject of requests: its tag, and phrases to make titles, descriptions, replies and notes from. */
export interface Topic {
  tag: string;
  type: 'incident' | 'service_request';
  titles: readonly string[];
  titlesEn: readonly string[];
  details: readonly string[];
  replies: readonly string[];
  notes: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    tag: 'vpn',
    type: 'incident',
    titles: ['وی‌پی‌ان وصل نمی‌شود', 'قطع شدن مکرر VPN از خانه', 'خطای احراز هویت در اتصال VPN', 'کندی شدید اینترنت پس از اتصال به وی‌پی‌ان'],
    titlesEn: ['VPN does not connect', 'VPN keeps dropping from home', 'VPN authentication error'],
    details: [
      'از دیروز عصر هر بار که می‌خواهم به VPN شرکت وصل شوم، پیام «اتصال برقرار نشد» می‌آید.',
      'در حین کار با سامانه، اتصال هر ده دقیقه یک بار قطع می‌شود و باید دوباره رمز را بزنم.',
      'رمز عبورم را تازه عوض کرده‌ام و از آن به بعد وی‌پی‌ان خطای ۶۹۱ می‌دهد.',
      'از مودم خانه وصل می‌شوم؛ با اینترنت همراه مشکلی نیست ولی با وای‌فای خانه وصل نمی‌شود.',
      'برنامه FortiClient روی لپ‌تاپ نصب است و تا هفته پیش درست کار می‌کرد.',
    ],
    replies: [
      'سلام، لطفاً نسخه برنامه را به‌روز کنید و یک بار دیگر امتحان کنید. اگر باز هم خطا داد، تصویر پیام را بفرستید.',
      'دسترسی شما به وی‌پی‌ان دوباره فعال شد. لطفاً یک بار خارج و دوباره وارد شوید.',
      'مشکل از گواهی منقضی‌شده روی سرور بود که امروز صبح تمدید شد. لطفاً دوباره امتحان کنید.',
      'Please reinstall the VPN client from the portal and sign in with your new password.',
    ],
    notes: [
      'در لاگ فایروال تلاش‌های ناموفق از آی‌پی کاربر دیده می‌شود؛ حساب قفل شده بود.',
      'به تیم شبکه ارجاع شد، احتمالاً مشکل از MTU روی مودم کاربر است.',
      'Checked the RADIUS log: the account was locked after five failed attempts.',
    ],
  },
  {
    tag: 'printer',
    type: 'incident',
    titles: ['چاپگر طبقه دوم کار نمی‌کند', 'کاغذ در پرینتر گیر می‌کند', 'چاپ رنگی کم‌رنگ است', 'پرینتر در فهرست دستگاه‌ها دیده نمی‌شود'],
    titlesEn: ['Printer on the second floor is down', 'Paper jam on the shared printer', 'Printer not listed'],
    details: [
      'از صبح هیچ برگه‌ای چاپ نمی‌شود؛ پیام خطای «کاغذ گیر کرده» نشان می‌دهد ولی کاغذی داخلش نیست.',
      'چاپگر اچ‌پی اتاق ۲۰۴ فقط صفحه اول را چاپ می‌کند و بقیه در صف می‌مانند.',
      'کارتریج را هفته پیش عوض کردیم ولی هنوز نوشته‌ها کم‌رنگ و خط‌دار است.',
      'بعد از جابه‌جایی میزها، پرینتر دیگر روی شبکه پیدا نمی‌شود.',
    ],
    replies: [
      'همکار ما تا یک ساعت دیگر برای بررسی چاپگر به طبقه دوم می‌آید.',
      'صف چاپ پاک شد و درایور دوباره نصب شد؛ لطفاً یک صفحه آزمایشی چاپ کنید.',
      'کارتریج جدید سفارش داده شد و تا فردا نصب می‌شود.',
      'The printer had a new IP address after the move; it is added again on your computer.',
    ],
    notes: ['غلتک کشنده کاغذ فرسوده است؛ قطعه از انبار درخواست شد.', 'پرینتر به VLAN اشتباه وصل شده بود.'],
  },
  {
    tag: 'email',
    type: 'incident',
    titles: ['ایمیل‌ها دریافت نمی‌شود', 'صندوق پستی پر شده است', 'ایمیل‌های ارسالی به اسپم می‌روند', 'Outlook مدام رمز می‌خواهد'],
    titlesEn: ['Mailbox is full', 'Outlook keeps asking for the password', 'Emails land in spam'],
    details: [
      'از ساعت ده صبح هیچ ایمیلی به صندوقم نیامده در حالی که همکارانم ایمیل دریافت می‌کنند.',
      'پیام «صندوق پستی شما پر است» می‌آید و نمی‌توانم ایمیل بفرستم.',
      'مشتری‌ها می‌گویند ایمیل‌های ما در پوشه هرزنامه آن‌ها می‌افتد.',
      'Outlook روی لپ‌تاپ جدید هر چند دقیقه یک بار رمز عبور را می‌پرسد.',
      'پیوست‌های بزرگ‌تر از ده مگابایت ارسال نمی‌شوند.',
    ],
    replies: [
      'سهمیه صندوق پستی شما به ۵۰ گیگابایت افزایش یافت.',
      'لطفاً پروفایل Outlook را حذف و دوباره بسازید؛ راهنمای تصویری پیوست شده است.',
      'رکورد SPF دامنه اصلاح شد؛ از فردا ایمیل‌ها نباید به هرزنامه بروند.',
      'Your mailbox rule was forwarding everything to an old folder; it is removed now.',
    ],
    notes: ['قانون انتقال خودکار در صندوق کاربر فعال بود.', 'صف ارسال سرور Exchange عادی است؛ مشکل سمت کاربر است.'],
  },
  {
    tag: 'erp',
    type: 'incident',
    titles: ['خطا در ثبت سند حسابداری', 'سامانه ERP بسیار کند شده', 'گزارش فروش ماهانه باز نمی‌شود', 'دسترسی به ماژول انبار قطع شده'],
    titlesEn: ['ERP is very slow', 'Monthly sales report does not open', 'Error posting a journal entry'],
    details: [
      'هنگام ثبت سند پیام «خطای پایگاه داده» می‌آید و سند ذخیره نمی‌شود.',
      'باز شدن هر فرم در سامانه بیش از یک دقیقه طول می‌کشد و کار واحد مالی متوقف شده است.',
      'گزارش فروش آبان‌ماه با خطای «زمان انتظار به پایان رسید» بسته می‌شود.',
      'از دیروز منوی انبار برای من نمایش داده نمی‌شود در حالی که قبلاً دسترسی داشتم.',
      'پایان سال مالی نزدیک است و باید تا پنجشنبه اسناد بسته شوند.',
    ],
    replies: [
      'ایندکس‌های جدول اسناد بازسازی شد؛ سرعت سامانه باید به حالت عادی برگشته باشد.',
      'نقش «انباردار» دوباره به حساب شما داده شد.',
      'گزارش را با بازه کوتاه‌تر بگیرید؛ هم‌زمان در حال بهینه‌سازی آن هستیم.',
      'The report server was restarted; please run the report again.',
    ],
    notes: ['قفل روی جدول اسناد از یک تراکنش نیمه‌کاره بود که بسته شد.', 'با پیمانکار ERP تماس گرفته شد؛ وصله تا هفته بعد.'],
  },
  {
    tag: 'network',
    type: 'incident',
    titles: ['اینترنت طبقه سوم قطع است', 'وای‌فای مهمان کار نمی‌کند', 'شبکه داخلی بسیار کند است', 'تلفن‌های تحت شبکه قطع و وصل می‌شوند'],
    titlesEn: ['No internet on the third floor', 'Guest Wi-Fi is down', 'Internal network is slow'],
    details: [
      'از ساعت نه صبح هیچ‌کدام از رایانه‌های طبقه سوم به اینترنت وصل نیستند.',
      'مهمانان جلسه نمی‌توانند به وای‌فای وصل شوند؛ صفحه ورود باز نمی‌شود.',
      'کپی کردن فایل از سرور مشترک به‌جای چند ثانیه چند دقیقه طول می‌کشد.',
      'صدای تلفن‌های VoIP در تماس‌ها قطع و وصل می‌شود.',
      'چراغ سوییچ اتاق سرور نارنجی چشمک می‌زند.',
    ],
    replies: [
      'سوییچ طبقه سوم راه‌اندازی مجدد شد و اتصال برقرار است.',
      'گواهی صفحه ورود وای‌فای مهمان تمدید شد.',
      'پورت سوییچ شما روی ۱۰ مگابیت مانده بود؛ اصلاح شد.',
      'The access point was replaced; the guest network works again.',
    ],
    notes: ['حلقه در شبکه به خاطر کابلی که دو سرش به سوییچ وصل بود.', 'ترافیک غیرعادی از یک رایانه آلوده؛ از شبکه جدا شد.'],
  },
  {
    tag: 'account',
    type: 'service_request',
    titles: ['فراموشی رمز عبور', 'ساخت حساب کاربری برای همکار جدید', 'حساب کاربری قفل شده', 'درخواست دسترسی به پوشه مشترک'],
    titlesEn: ['Password reset', 'New employee account', 'Account locked'],
    details: [
      'رمز عبورم را فراموش کرده‌ام و نمی‌توانم وارد رایانه شوم.',
      'همکار جدید واحد فروش از شنبه شروع به کار می‌کند؛ لطفاً حساب و ایمیل برایش بسازید.',
      'پس از چند بار اشتباه زدن رمز، حسابم قفل شده است.',
      'برای پروژه جدید به پوشه مشترک «قراردادها» با دسترسی خواندن و نوشتن نیاز دارم.',
    ],
    replies: [
      'رمز موقت برای شما پیامک شد؛ در اولین ورود باید آن را عوض کنید.',
      'حساب کاربری ساخته شد و مشخصات آن به مدیر واحد ایمیل شد.',
      'قفل حساب برداشته شد.',
      'با تأیید مدیر واحد، دسترسی به پوشه داده شد.',
      'Your account is unlocked; please choose a new password at the next sign-in.',
    ],
    notes: ['تأیید مدیر واحد در پیوست است.', 'کاربر از دستگاه قدیمی با رمز قبلی وصل بود و حساب را قفل می‌کرد.'],
  },
  {
    tag: 'laptop',
    type: 'service_request',
    titles: ['درخواست لپ‌تاپ جدید', 'نصب نرم‌افزار اتوکد', 'ارتقای حافظه رایانه', 'باتری لپ‌تاپ زود خالی می‌شود'],
    titlesEn: ['New laptop request', 'Install AutoCAD', 'Laptop battery drains fast'],
    details: [
      'لپ‌تاپ فعلی من هفت سال کار کرده و برنامه‌های جدید روی آن اجرا نمی‌شوند.',
      'برای پروژه طراحی، نسخه ۲۰۲۴ اتوکد را روی سیستمم لازم دارم.',
      'رایانه با هشت گیگ حافظه هنگام کار با فایل‌های بزرگ اکسل قفل می‌کند.',
      'باتری لپ‌تاپ پس از یک ساعت خالی می‌شود.',
    ],
    replies: [
      'درخواست شما تأیید شد؛ لپ‌تاپ جدید تا آخر هفته تحویل می‌شود.',
      'نرم‌افزار از راه دور نصب شد. لطفاً یک بار رایانه را خاموش و روشن کنید.',
      'حافظه به شانزده گیگابایت ارتقا یافت.',
      'The license was assigned; AutoCAD is installed on your computer.',
    ],
    notes: ['مجوز اتوکد از سهمیه واحد مهندسی کم شد.', 'باتری زیر گارانتی است؛ تعویض از طریق نماینده.'],
  },
  {
    tag: 'software',
    type: 'incident',
    titles: ['اکسل هنگام باز کردن فایل بسته می‌شود', 'به‌روزرسانی ویندوز گیر کرده', 'آفیس فعال‌سازی نمی‌شود', 'مرورگر صفحات سامانه را باز نمی‌کند'],
    titlesEn: ['Excel crashes when opening a file', 'Windows update is stuck', 'Office activation fails'],
    details: [
      'هر بار که فایل گزارش حقوق را باز می‌کنم اکسل بسته می‌شود.',
      'رایانه از دیشب روی صفحه «در حال به‌روزرسانی ۳۰٪» مانده است.',
      'پیام «این محصول فعال نیست» در بالای ورد و اکسل نمایش داده می‌شود.',
      'کروم صفحه سامانه حضور و غیاب را سفید نشان می‌دهد.',
    ],
    replies: [
      'افزونه‌ای که باعث بسته شدن اکسل می‌شد غیرفعال شد.',
      'به‌روزرسانی از راه دور تکمیل شد.',
      'آفیس با حساب سازمانی شما دوباره فعال شد.',
      'Please clear the browser cache; the attendance system works in Chrome now.',
    ],
    notes: ['مشکل شناخته‌شده نسخه ۲۳۱۰ آفیس؛ وصله در راه است.', 'کاربر مدیر محلی رایانه نیست؛ نصب از راه دور انجام شد.'],
  },
];

export const GREETINGS = ['سلام،', 'سلام و وقت بخیر،', 'با سلام و احترام،', 'درود،'] as const;
export const CLOSINGS = ['ممنون می‌شوم زودتر بررسی کنید.', 'با تشکر.', 'کار ما متوقف شده، لطفاً فوری رسیدگی کنید.', 'پیشاپیش سپاسگزارم.', 'Thanks in advance.'] as const;
export const FOLLOW_UPS = [
  'هنوز مشکل برطرف نشده است.',
  'ممنون، الان درست شد.',
  'امتحان کردم ولی همان خطا را می‌دهد.',
  'تصویر خطا را پیوست کردم.',
  'لطفاً پیگیری کنید، مدیر واحد هم پرسیده است.',
  'It works now, thank you!',
  'کی می‌توانید بررسی کنید؟',
] as const;
