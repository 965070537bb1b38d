//! `/aturan/{id}`: what a rule of Perbup Banjar 39/2024 says, so an official can check every
//! decision the system shows against the law.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use sikerja_domain::rules::RuleId;

use crate::AppState;
use crate::error::{PageError, WebError};
use crate::views::Layout;

/// Indonesian explanation and source of each catalogued rule (from `spec/RULES.md`).
pub fn explanation(rule: RuleId) -> (&'static str, &'static str) {
    match rule.as_str() {
        "ORG-07" => (
            "Data pegawai ASN (PNS dan PPPK): NIP 18 angka, nama dengan gelar, pangkat dan golongan (PNS I/a sampai IV/e; PPPK I sampai XVII), pendidikan terakhir, jabatan fungsional dan jenjangnya, penyetaraan jabatan, predikat kinerja tahunan dan pengalaman per bidang.",
            "Pasal 1; Lampiran I",
        ),
        "ORG-01" => (
            "Instansi Pemerintah (misalnya Pemerintah Kabupaten, Pemerintah Provinsi, kementerian) memuat Perangkat Daerah; kerja lintas instansi melibatkan lebih dari satu Instansi, sehingga satu penyelenggaraan memuat banyak Instansi.",
            "Pasal 1 angka 5, 9",
        ),
        "ORG-03" => (
            "Unit Organisasi dipimpin Pejabat Pimpinan Tinggi Pratama, Administrator, Pengawas, atau Pejabat Fungsional yang memimpin unit mandiri; Unit Kerja adalah bagian dari Unit Organisasi yang dipimpin Administrator atau Pengawas. Unit membentuk pohon di dalam Perangkat Daerah; setiap unit paling banyak satu jabatan pimpinan.",
            "Pasal 1 angka 21, 22",
        ),
        "ORG-04" => (
            "Jenis jabatan: Pimpinan Tinggi Pratama, Administrator, Pengawas, Fungsional dengan jenjang (keahlian: Ahli Utama, Ahli Madya, Ahli Muda, Ahli Pertama; keterampilan: Penyelia, Mahir, Terampil, Pemula) dan Pelaksana.",
            "Pasal 1",
        ),
        "ORG-05" => (
            "Jabatan dapat kosong atau dijabat oleh Pelaksana Tugas (Plt.) atau Pelaksana Harian (Plh.); siapa pun yang menjabat definitif atau sebagai Plt./Plh. menjalankan peran jabatan itu, dan jabatan yang kosong tidak menjalankan peran apa pun.",
            "Pasal 1",
        ),
        "KED-11" => (
            "Rincian kedudukan setiap JF dan Pelaksana beserta Pejabat Penilai Kinerja, aturan yang diterapkan dan sumbernya dapat dilihat dan diunduh, dihitung ulang setiap kali struktur atau jabatan berubah; perubahan Pejabat Penilai Kinerja seseorang dicatat dengan tanggalnya.",
            "Lampiran I",
        ),
        "KED-01" => (
            "Pejabat Fungsional Ahli Madya berkedudukan di bawah Pejabat Pimpinan Tinggi Pratama di atasnya (di Sekretariat Daerah: Asisten; di RSUD: Direktur).",
            "Lampiran I.A.1.c.1, I.B.1.c.1, I.D.1.c.1",
        ),
        "KED-02" => (
            "Pejabat Fungsional Ahli Muda berkedudukan di bawah Pejabat Administrator di atasnya.",
            "Lampiran I.A.1.c.2, I.B.1.c.2, I.D.1.c.2",
        ),
        "KED-03" => (
            "Pejabat Fungsional Ahli Pertama dan semua jenjang keterampilan berkedudukan di bawah Pejabat Pengawas di atasnya, atau pejabat satu tingkat di atasnya bila tidak ada Pejabat Pengawas yang menjabat.",
            "Lampiran I.A.1.c.3, I.B.1.c.3, I.D.1.c.3",
        ),
        "KED-04" => (
            "Pelaksana berkedudukan di bawah Pejabat Pengawas di atasnya.",
            "Lampiran I.A.1.c.4, I.B.1.c.4, I.D.1.c.4",
        ),
        "KED-05" => (
            "Pelaksana berkedudukan di bawah Pejabat Administrator di atasnya bila tidak ada Pejabat Pengawas karena penyederhanaan birokrasi (bukan karena jabatan Pengawas sedang lowong).",
            "Lampiran I.A.1.c.5, I.B.1.c.5, I.D.1.c.5",
        ),
        "KED-06" => (
            "Di DPMPTSP, Pejabat Fungsional Ahli Madya serta setiap Pejabat Fungsional substansi Penanaman Modal dan substansi PTSP berkedudukan di bawah Kepala DPMPTSP, apa pun jenjangnya.",
            "Lampiran I.C.1.c.1",
        ),
        "KED-07" => (
            "Di DPMPTSP, Ahli Muda di bawah Sekretaris atau satu tingkat di atasnya; Ahli Pertama dan keterampilan di bawah Kepala Sub Bagian atau satu tingkat di atasnya; Pelaksana di bawah Kepala Sub Bagian, atau Sekretaris bila tidak ada.",
            "Lampiran I.C.1.c.2–5",
        ),
        "KED-08" => (
            "Di Kecamatan, Ahli Muda di bawah Sekretaris Camat; Ahli Pertama, keterampilan dan Pelaksana di bawah Kepala Sub Bagian atau Kepala Seksi.",
            "Lampiran I.E.1.c.1–3",
        ),
        "KED-09" => (
            "Kasus yang tidak diatur (misalnya Ahli Utama, Ahli Madya di Kecamatan, tidak ada pejabat yang memenuhi sampai puncak, atau semua jabatan calon lowong) tidak ditebak: kasus dicantumkan sebagai belum terselesaikan beserta alasannya, lalu pejabat yang berwenang menetapkan kedudukan secara manual dengan alasan tertulis, yang disimpan dan ditampilkan sebagai penetapan manual.",
            "Lampiran I (seluruh bagian)",
        ),
        "KED-10" => (
            "Penempatan memperhatikan rentang kendali dan beban tugas: sistem menampilkan jumlah pegawai di bawah setiap pejabat dan menandai yang melewati ambang batas yang ditetapkan instansi.",
            "Lampiran I.x.1.b",
        ),
        "KED-12" => (
            "Tafsiran atas pertentangan di dalam peraturan: secara bawaan Pejabat Pengawas tempat JF/Pelaksana berkedudukan menjadi Pejabat Penilai Kinerja (Pasal 1 angka 23); instansi dapat memilih Pejabat Administrator sebagai penilai dengan Pengawas sebagai koordinator.",
            "Lampiran I.A.1.c.3–4, I.A.2.d–e, I.B.2.c–d, I.C.2.c–d, I.D.2.d–e; Pasal 1 angka 23",
        ),
        "STR-06" => (
            "Penilai kinerja JF Ahli Madya adalah Pejabat Pimpinan Tinggi Pratama; penilaian disertai rekomendasi dari Pejabat Administrator Unit Kerja tempat JF bekerja, yang bukan penilai.",
            "Lampiran I.A.2.d, I.B.2.c, I.D.2.d",
        ),
        "STR-07" => (
            "Pejabat Pengawas yang masih ada mengoordinasikan JF dan Pelaksana di unitnya seperti Ketua Tim.",
            "Lampiran I.A.2.e, I.B.2.d, I.C.2.d, I.D.2.e",
        ),
        "STR-01" => (
            "Di Sekretariat Daerah, Sekretaris Daerah menetapkan kinerja para Asisten; Asisten menetapkan kinerja Kepala Bagian dan Pejabat Fungsional Ahli Madya; Kepala Bagian menetapkan kinerja Kepala Sub Bagian. Sikerja menurunkannya dari susunan unit: perjanjian setiap kepala unit ditetapkan oleh kepala unit terdekat di atasnya.",
            "Lampiran I.A.2.a–c",
        ),
        "STR-02" => (
            "Di Sekretariat DPRD, Inspektorat, Dinas, Badan dan Satpol PP, Pejabat Pimpinan Tinggi Pratama selaku pimpinan Unit Organisasi menetapkan Perjanjian Kinerja Pejabat Administrator dan Pejabat Fungsional Ahli Madya; Pejabat Administrator menetapkannya bagi Pejabat Pengawas.",
            "Lampiran I.B.2.a–b",
        ),
        "STR-03" => (
            "Di DPMPTSP, Kepala menetapkan kinerja Sekretaris dan Pejabat Fungsional di bawahnya; Sekretaris menetapkan kinerja Kepala Sub Bagian.",
            "Lampiran I.C.2.a–b",
        ),
        "STR-04" => (
            "Di RSUD, Direktur menetapkan kinerja Wakil Direktur dan Pejabat Fungsional Ahli Madya; Wakil Direktur menetapkan kinerja Kepala Bagian/Bidang; mereka menetapkan kinerja Kepala Sub Bagian/Seksi.",
            "Lampiran I.D.2.a–c",
        ),
        "STR-05" => (
            "Di Kecamatan, Camat menetapkan kinerja Sekretaris Camat dan Kepala Seksi; Sekretaris Camat menetapkan kinerja Kepala Sub Bagian dan Pejabat Fungsional Ahli Muda di bawahnya; Pejabat Pengawas menilai dan menugaskan Pejabat Fungsional dan Pelaksana di bawahnya.",
            "Lampiran I.E.2.a–c",
        ),
        "MEK-01" => (
            "Mekanisme kerja terdiri atas tiga tahapan: perencanaan, pelaksanaan dan evaluasi.",
            "Pasal 7 ayat (1); Lampiran A",
        ),
        "MEK-02" => (
            "Perencanaan: pimpinan Unit Organisasi menyusun rencana kerja dan anggaran dari Renstra dan Renja dan menetapkannya dalam Perjanjian Kinerja (indikator, target dan anggaran satu tahun); membagi target kepada pejabat di bawahnya; pimpinan bersama JF/Pelaksana melakukan dialog kinerja; pimpinan menetapkan ekspektasi; JF/Pelaksana bersama pimpinannya menyusun rencana pelaksanaan kegiatan dan anggaran. Perjanjian Kinerja kepala Perangkat Daerah dibuat dengan Kepala Daerah.",
            "Lampiran A.1; Lampiran I.x.3.a",
        ),
        "MEK-03" => (
            "Sebelum tahun pelaksanaan, Pejabat Pimpinan Tinggi Pratama dan/atau Pejabat Administrator mengidentifikasi target yang dilaksanakan secara individu atau tim kerja; perubahan kegiatan harus diikuti perubahan rencana pelaksanaan kegiatan, dan setiap perubahan menyimpan versi sebelumnya beserta alasannya.",
            "Pasal 10",
        ),
        "MEK-04" => (
            "Pelaksanaan: Pejabat Fungsional dan/atau Pelaksana menyusun rincian pelaksanaan kegiatan dan anggaran sesuai rencana; pembagian peran sesuai kompetensi; kolaborasi dengan semua pihak terkait; Pimpinan Unit Kerja dan/atau Ketua Tim memantau dan memberi umpan balik secara berkala atau sewaktu-waktu; hasil yang sudah sesuai target disampaikan kepada Pimpinan Unit Kerja oleh individu atau Ketua Tim Kerja.",
            "Lampiran I huruf A angka 2; Lampiran I.A.3.b–I.E.3.b",
        ),
        "MEK-05" => (
            "Evaluasi: hasil pelaksanaan kegiatan ditinjau berjenjang dari Pimpinan Unit Kerja sampai Pimpinan Unit Organisasi; setiap peninjau meneruskan hasil yang sesuai target atau mengembalikannya dengan catatan; kegiatan dinyatakan selesai setelah Pimpinan Unit Organisasi menerima hasilnya. Rantainya menurut jenis Perangkat Daerah: Setda (Kepala Bagian, Asisten, Sekda); Setwan/Inspektorat/Dinas/Badan/Satpol PP (Administrator, JPT Pratama); DPMPTSP (Sekretaris atau Ketua Tim langsung di bawah Kepala, Kepala); RSUD (Kepala Bagian/Bidang, Wakil Direktur, Direktur); Kecamatan (Kepala Sub Bagian, Sekretaris Camat, Camat; Kepala Seksi, Camat).",
            "Lampiran I huruf A angka 3; Lampiran I.A.3.c–I.E.3.c",
        ),
        "LAP-01" => (
            "Pejabat Fungsional dan/atau Pelaksana yang ditugaskan secara individu melaporkan hasil kerjanya langsung kepada Pimpinan Unit Organisasi dan/atau Pejabat Penilai Kinerja.",
            "Pasal 16",
        ),
        "LAP-02" => (
            "Anggota tim kerja melaporkan hasil kerjanya kepada Ketua Tim; Ketua Tim melaporkan hasil kerja tim kepada Pimpinan Unit Organisasi dan/atau Pejabat Penilai Kinerja secara berkala.",
            "Pasal 17 ayat 1",
        ),
        "LAP-03" => (
            "Pimpinan Unit Organisasi dapat meminta laporan kepada Ketua Tim atau anggota tim sewaktu-waktu; permintaan dan jawabannya dicatat.",
            "Pasal 17 ayat 2",
        ),
        "LAP-04" => (
            "Tanggung jawab Pimpinan Unit Organisasi, Pejabat Penilai Kinerja, Ketua Tim dan anggota menentukan apa yang dilihat dan dapat dilakukan masing-masing: arahan dan umpan balik, pemantauan dan evaluasi tim, rincian kegiatan dan pembagian peran sesuai kompetensi, pelaporan.",
            "Lampiran III huruf B",
        ),
        "LAP-05" => (
            "Permasalahan dan kendala: tim kerja menyampaikan permasalahan beserta alternatif rekomendasi kepada Pimpinan Unit Organisasi pemilik kinerja untuk diputuskan; bila memerlukan kolaborasi lintas pimpinan, kepada pimpinan asal anggota (lintas Unit Organisasi) atau pimpinan instansi (lintas Instansi); setiap permasalahan dipantau sampai diputuskan.",
            "Lampiran III huruf A angka 2",
        ),
        "LAP-06" => (
            "Koordinasi tim kerja dilakukan pada perencanaan, pelaksanaan, pemantauan dan evaluasi; tim dapat berkoordinasi dengan pejabat atau tim lain.",
            "Lampiran III huruf A",
        ),
        "KIN-03" => (
            "Laporan Ketua Tim tentang kinerja setiap anggota disampaikan kepada Pejabat Penilai Kinerja anggota sebagai bahan penilaian; bagi JF Ahli Madya, rekomendasi Pejabat Administrator Unit Kerja.",
            "Lampiran III huruf B angka 3 huruf e",
        ),
        "PEN-01" => (
            "Penugasan dilakukan secara individu atau dalam tim kerja; tim dapat terdiri atas beberapa jenis jabatan; seorang pegawai dapat mengerjakan lebih dari satu target untuk jangka waktu tertentu.",
            "Pasal 9 ayat (1); Lampiran II.A.1, 4, 5",
        ),
        "PEN-02" => (
            "Penugasan dilakukan setelah kedudukan ditetapkan dan direncanakan berdasarkan beban kerja: saat memilih pegawai ditampilkan penugasan dan beban setiap calon.",
            "Lampiran II.A.2, 6",
        ),
        "PEN-03" => (
            "Lingkup penugasan diturunkan dari anggotanya, tidak diketik: di dalam Unit Organisasi, lintas Unit Organisasi (ada anggota dari Unit Organisasi lain di instansi yang sama) atau lintas Instansi Pemerintah.",
            "Pasal 9 ayat (2)",
        ),
        "PEN-04" => (
            "Ketua tim kerja lintas Unit Organisasi atau lintas Instansi berasal dari Unit Organisasi pemilik kinerja.",
            "Pasal 9 ayat (3); Lampiran II.A.8, III.A.4",
        ),
        "PEN-05" => (
            "Penugasan dalam tim kerja di dalam Unit Organisasi paling banyak tiga kali, masing-masing paling lama 12 bulan.",
            "Pasal 9 ayat (4)",
        ),
        "PEN-06" => (
            "Anggota dari Unit Organisasi atau Instansi lain ditugaskan paling banyak tiga kali, masing-masing paling lama 6 bulan.",
            "Pasal 9 ayat (5)",
        ),
        "PEN-07" => (
            "Tafsiran: \"paling banyak tiga kali\" tidak menyebut rentang waktu. Bawaan: dihitung penugasan sejenis yang periodenya beririsan dengan tahun kalender yang sama; instansi dapat memilih menghitung yang berjalan bersamaan. Pemeriksaan menyebut penugasan yang dihitung.",
            "Pasal 9 ayat (4)–(5) (tafsiran)",
        ),
        "PEN-08" => (
            "Ketua tim lintas Unit Organisasi atau lintas Instansi: pendidikan paling rendah S1/D4; pangkat paling rendah Penata Muda, III/a (salinan teks terbaca I/a); predikat kinerja satu tahun terakhir paling rendah Baik; pengalaman di bidang tugas paling singkat 2 tahun. Untuk tim di dalam Unit Organisasi ditampilkan sebagai saran kecuali instansi mewajibkannya; bagi PPPK digunakan padanan golongan yang ditetapkan instansi.",
            "Pasal 9 ayat (6)",
        ),
        "PEN-09" => (
            "Bila ada Pejabat Fungsional hasil penyetaraan jabatan, merekalah yang pertama diusulkan sebagai Ketua Tim; memilih yang lain memerlukan alasan.",
            "Lampiran II.A.9",
        ),
        "PEN-10" => (
            "Penugasan dilakukan melalui penunjukan oleh Pejabat Penilai Kinerja dan/atau pimpinan Unit Organisasi, atau pengajuan sukarela oleh pegawai.",
            "Pasal 11–13",
        ),
        "PEN-11" => (
            "Pengajuan sukarela hanya di dalam Unit Organisasi dan lintas Unit Organisasi pada instansi yang sama, tidak lintas Instansi.",
            "Lampiran II.B.2",
        ),
        "PEN-12" => (
            "Penugasan lintas Instansi ditetapkan dengan Keputusan Bupati, lintas Unit Organisasi dengan Keputusan Sekretaris Daerah, di dalam Unit Organisasi dengan Surat Tugas pimpinan Unit Organisasi.",
            "Pasal 14",
        ),
        "PEN-13" => (
            "Penunjukan di dalam Unit Organisasi dilakukan langsung oleh pimpinan Unit Organisasi; pegawai menerima Surat Tugas.",
            "Lampiran II.B.1.a",
        ),
        "PEN-14" => (
            "Penunjukan lintas Unit Organisasi: pimpinan Unit Organisasi pemilik kinerja mengirim surat permohonan pelibatan (maksud dan tujuan, kompetensi, ekspektasi/target, durasi) kepada Pejabat Penilai Kinerja pegawai yang dituju; bila setuju, dengan rekomendasi pimpinan Unit Organisasinya disusun penugasan dan ditetapkan Surat Penugasan; bila tidak, dijawab dengan alasan; pegawai menerima surat penugasan.",
            "Lampiran II.B.1.b, Gambar 1",
        ),
        "PEN-15" => (
            "Penunjukan lintas Instansi: permohonan melalui Pejabat yang Berwenang instansi pemohon kepada Pejabat yang Berwenang instansi dituju, yang menginstruksikan Pejabat Penilai Kinerja pegawai; jawaban ketersediaan beserta daftar pegawai kembali melalui kedua Pejabat yang Berwenang; Surat Penugasan ditembuskan kepada keduanya dan Pejabat Penilai Kinerja. Penolakan pada langkah mana pun mengakhiri permohonan dengan alasan.",
            "Lampiran II.B.1.c, Gambar 2",
        ),
        "PEN-16" => (
            "Pengajuan sukarela di dalam Unit Organisasi: pegawai menyampaikan keinginannya (lisan, dicatat) kepada pimpinan Unit Organisasi; bila disetujui, pegawai ditugaskan dan menerima surat penugasan.",
            "Lampiran II.B.2.a",
        ),
        "PEN-17" => (
            "Pengajuan sukarela lintas Unit Organisasi: pegawai mengirim permohonan kepada pimpinan Unit Organisasi dituju dengan tembusan Pejabat Penilai Kinerja dan pimpinannya sendiri; bila disetujui, permohonan disampaikan kepada Pejabat Penilai Kinerjanya; bila pimpinannya sendiri setuju, ia membuat Surat Penugasan.",
            "Lampiran II.B.2.b, Gambar 3",
        ),
        "PEN-18" => (
            "Setiap langkah setiap alur dicatat: siapa, apa, kapan, isi keputusan dan tembusannya. Keputusan hanya dapat diambil oleh pemegang (atau pelaksana tugas) jabatan yang disebut langkah itu, dan hanya sekali.",
            "Lampiran II.B",
        ),
        "PEN-19" => (
            "Jenis penugasan (individu atau tim) untuk setiap target diidentifikasi pada perencanaan; setiap penugasan terkait dengan target Perjanjian Kinerja yang dilayaninya.",
            "Pasal 10 ayat (1)",
        ),
        "KIN-01" => (
            "Manajemen kinerja setiap Pejabat Fungsional dan Pelaksana, individu maupun dalam tim: perencanaan (penetapan dan klarifikasi ekspektasi), pelaksanaan dengan pemantauan dan pembinaan, penilaian, dan tindak lanjut.",
            "Pasal 18 ayat (1)",
        ),
        "KIN-02" => (
            "Rincian pengelolaan kinerja mengikuti ketentuan nasional (PermenPANRB 6/2022): hasil kerja dan perilaku kerja (tujuh nilai dasar BerAKHLAK) masing-masing dinilai di bawah, sesuai atau di atas ekspektasi; pasangan keduanya menentukan predikat kinerja. Predikat kinerja organisasi membatasi sebaran predikat pegawai (kurva distribusi); persentasenya adalah kebijakan instansi per tahun.",
            "Pasal 18 ayat (2)",
        ),
        "KIN-04" => (
            "Siapa menilai siapa ditentukan oleh kedudukan (KED) dan dicatat saat rencana atau hasil diajukan, bukan oleh penyaringan peran; tidak seorang pun memeriksa atau menilai pekerjaannya sendiri; penilaian yang selesai dikunci.",
            "Lampiran I; Pasal 18",
        ),
        "DOC-01" => (
            "Keputusan Bupati tentang Pembentukan Tim: Menimbang (kegiatan dan tahun anggaran; perlunya keputusan), Mengingat, Memperhatikan, MEMUTUSKAN/Menetapkan, diktum KESATU (membentuk tim, susunan dalam Lampiran), KEDUA (tugas Penanggungjawab, Ketua, Anggota), KETIGA (biaya dibebankan pada APBD), KEEMPAT (berlaku sejak ditetapkan); Ditetapkan di … pada tanggal …; Lampiran: No, Nama, Kedudukan dalam Tim, Instansi, Unit Organisasi/Perangkat Daerah, Jabatan.",
            "Lampiran IV",
        ),
        "DOC-02" => (
            "Keputusan Sekretaris Daerah: susunan yang sama dengan kop Sekretariat Daerah dan Lampiran No, Nama, Kedudukan dalam Tim, Perangkat Daerah, Jabatan pada Perangkat Daerah.",
            "Lampiran IV",
        ),
        "DOC-03" => (
            "Surat Tugas: kop Perangkat Daerah, NOMOR, Dasar, Kepada (nama terlampir), Untuk (melaksanakan tugas dalam tim; dengan penuh tanggung jawab; melaporkan hasil kepada Pejabat Penilai Kinerja), tempat dan tanggal, penandatangan dengan nama, pangkat, NIP; Lampiran setiap tim dengan Ketua dan Anggota.",
            "Lampiran IV",
        ),
        "DOC-04" => (
            "Surat alur penugasan: surat permohonan pelibatan (dengan empat isi wajib), jawabannya (persetujuan dengan daftar pegawai atau penolakan dengan alasan), dan Surat Penugasan.",
            "Lampiran II.B; Lampiran IV",
        ),
        "DOC-05" => (
            "Tata naskah: tanggal ditulis \"25 November 2024\", tempat, nomor surat dari register unit penerbit (tidak ada nomor yang dipakai ulang atau dilewati), nama dengan gelar, NIP berspasi (19870111 200904 1 001).",
            "Lampiran IV",
        ),
        "DOC-06" => (
            "Setiap surat dibuat dalam PDF (yang ditandatangani dan diarsipkan) dan DOCX (yang disunting pejabat) dengan isi yang sama; surat yang diterbitkan disimpan tanpa diubah.",
            "Lampiran IV",
        ),
        "PRO-01" => (
            "Proses Bisnis menggambarkan hubungan kerja yang efektif dan efisien antar Unit Organisasi. Pemerintah Daerah memperbaiki dan mengembangkannya melalui reviu dan evaluasi, yang dapat menyesuaikan standar operasional prosedur (SOP). Di Sikerja peta disimpan sebagai BPMN 2.0; lajur peta dapat diikat pada jabatan atau unit sehingga tampak siapa pemegangnya hari ini dan lajur yang lowong. Hanya Pengelola Peta Proses Bisnis instansi yang mengubah peta.",
            "Pasal 21 ayat (1)–(3)",
        ),
        "PRO-02" => (
            "Reviu dan evaluasi dilakukan terhadap peta subproses, peta relasi, peta lintas fungsi, dan/atau peta level 1 dan turunannya, sesuai metode yang digunakan.",
            "Pasal 21 ayat (4)",
        ),
        "PRO-03" => (
            "Setiap peta proses bisnis berversi: setiap penyimpanan menambah versi baru yang tidak diubah lagi, dan versi dapat dibandingkan. Reviu atas suatu versi mencatat temuan, keputusan, dan SOP yang berubah karenanya (nomor dan judul), siapa yang mereviu dan kapan; peta yang diarsipkan tidak diubah lagi.",
            "Pasal 21 ayat (3)",
        ),
        _ => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogued_rule_has_an_explanation_and_a_source() {
        for rule in RuleId::all() {
            let (text, source) = explanation(rule);
            assert!(
                !text.is_empty() && !source.is_empty(),
                "{rule} has no explanation"
            );
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rules/show.html")]
pub struct RulePage {
    layout: Layout,
    id: &'static str,
    title: &'static str,
    text: &'static str,
    source: &'static str,
}

/// `GET /aturan/{id}`, e.g. `/aturan/KED-03`.
pub async fn show_rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<RulePage, PageError> {
    let rule = RuleId::parse(id.trim()).ok_or(WebError::NotFound { what: "rule" })?;
    let (text, source) = explanation(rule);
    Ok(RulePage {
        layout: Layout::new(
            format!("{} {}", rule.as_str(), rule.title()),
            state.demo_mode,
        )
        .crumb("Aturan", "/aturan")
        .crumb(
            format!("Aturan {}", rule.as_str()),
            format!("/aturan/{rule}"),
        ),
        id: rule.as_str(),
        title: rule.title(),
        text,
        source,
    })
}
