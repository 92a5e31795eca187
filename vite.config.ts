// The web app (Vue 3) is built from web/ into web/dist, which the hub serves; `npm run dev` proxies /api to the hub.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: 'web',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 8080}` } },
});
